// The people of a village (village.people): its resident cadres (驻村干部) and the members of its
// paired orgs; `everyone` has each person once, for who went on a visit or a 帮扶责任人, with what
// tells them apart (`about`: a cadre's post, a member's org and title).
import { useQuery } from '@tanstack/react-query'
import { useTRPC } from './trpc'

export const useVillagePeople = (villageId: string | null) => {
  const trpc = useTRPC()
  const people = useQuery({
    ...trpc.village.people.queryOptions({ villageId: villageId ?? '' }),
    enabled: Boolean(villageId),
  })
  const cadres = people.data?.cadres ?? []
  const everyone = [
    ...cadres.map((c) => ({ id: c.id, displayName: c.displayName, about: `驻村干部 · ${c.post}` })),
    ...(people.data?.members ?? []).map((m) => ({
      id: m.id,
      displayName: m.displayName,
      about: [m.org.name, m.title].filter(Boolean).join(' · '),
    })),
  ].filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i)
  return {
    cadres,
    everyone,
    isLoading: people.isPending && people.fetchStatus !== 'idle',
    error: people.error,
    refetch: () => void people.refetch(),
  }
}
