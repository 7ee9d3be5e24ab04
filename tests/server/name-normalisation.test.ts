// Names are stored and searched normalised (NFC, no zero-width characters), so two names that
// look the same are the same name, and a search for one finds the other.
import { createHash, randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { activityInput, cashDonationInput, householdInput } from '../helpers/factories'
import { headNamesFound, householdNamed } from '../helpers/household-search'
import { serveWorld } from '../helpers/http-world'
import { fillTemplate, rosterHousehold, uploadRoster } from '../helpers/roster-import'
import { createWorld, type World } from '../helpers/world'

let world: World

beforeAll(async () => {
  world = await createWorld()
})

const village = () => world.ref.villages.qianyue.id

describe('names are stored and searched normalised', () => {
  it('drops a zero-width space from a head’s name, and finds the household by the plain name', async () => {
    const created = await householdNamed(world, '韩\u200b秀英')
    expect(created.headName).toBe('韩秀英')
    expect(created.members[0]?.name).toBe('韩秀英')
    const row = await world.deps.prisma.household.findUniqueOrThrow({
      where: { id: created.id },
      select: { headName: true, members: { select: { name: true } } },
    })
    expect(row).toEqual({ headName: '韩秀英', members: [{ name: '韩秀英' }] })
    expect(await headNamesFound(world, '韩秀英')).toEqual(['韩秀英'])
    expect(await headNamesFound(world, '秀\ufeff英')).toEqual(['韩秀英'])
  })

  it('matches a name typed decomposed (NFD) with its composed (NFC) form, both ways', async () => {
    const nfc = 'Mǎ Délín'.normalize('NFC')
    const nfd = nfc.normalize('NFD')
    expect(nfd).not.toBe(nfc)
    const created = await householdNamed(world, nfd)
    expect(created.headName).toBe(nfc)
    expect(await headNamesFound(world, nfc)).toEqual([nfc])
    expect(await headNamesFound(world, nfd)).toEqual([nfc])
  })

  it('lets a resident bind with the name as they type it', async () => {
    const input = householdInput(village(), { headName: '祁\u200d玉兰' })
    await world.cadre.household.create(input)
    const bound = await world.resident.resident.bindHousehold({ headName: '\ufeff祁玉兰', idNumber: input.idNumber })
    expect(bound).toBeTruthy()
  })

  it('stores donors’ and absentees’ names without zero-width characters', async () => {
    const donation = await world.secretary.donation.create(
      cashDonationInput(village(), 100, { donorName: '爱心\u200b人士\u2060' }),
    )
    expect(
      await world.deps.prisma.donation.findUniqueOrThrow({ where: { id: donation.id }, select: { donorName: true } }),
    ).toEqual({ donorName: '爱心人士' })
    const activity = await world.secretary.activity.create(
      activityInput(world.ref.orgs.bureauBranch.id, {
        expectedCount: 2,
        presentCount: 1,
        absences: [{ name: '张\u200c丽', reason: '外出学习' }],
      }),
    )
    const absences = await world.deps.prisma.activityAbsence.findMany({
      where: { activityId: activity.id },
      select: { name: true },
    })
    expect(absences).toEqual([{ name: '张丽' }])
  })

  it('imports a roster’s names normalised, and finds its 帮扶责任人 by a name typed with a zero-width space', async () => {
    const { baseUrl, tokens } = await serveWorld(world, ['cadre'])
    const auth = { authorization: `Bearer ${tokens.cadre}` }
    const template = await (
      await fetch(`${baseUrl}/exports/household-roster-template.xlsx`, { headers: auth })
    ).arrayBuffer()
    const roster = rosterHousehold('NM-001', 601, {
      household: { 户主姓名: '冶\u200b成林', 帮扶责任人: '李振华\u200b' },
    })
    const bytes = await fillTemplate(template, roster)
    const query = { villageId: village(), digest: createHash('sha256').update(bytes).digest('hex') }
    const check = (await (await uploadRoster(baseUrl, tokens.cadre, { ...query, mode: 'dry-run' }, bytes)).json()) as {
      errors: unknown[]
    }
    expect(check.errors).toEqual([])
    const saved = await uploadRoster(
      baseUrl,
      tokens.cadre,
      { ...query, mode: 'commit', clientMutationId: randomUUID() },
      bytes,
    )
    expect(saved.status).toBe(200)
    const household = await world.deps.prisma.household.findFirstOrThrow({
      where: { code: 'NM-001' },
      select: { headName: true, responsibleUser: { select: { displayName: true } } },
    })
    expect(household).toEqual({ headName: '冶成林', responsibleUser: { displayName: '李振华' } })
  })
})
