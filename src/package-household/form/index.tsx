import { PageShell } from '../../components/PageShell'

export default function Placeholder() {
  return <PageShell>…</PageShell>
}
