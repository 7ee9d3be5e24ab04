// 处理冲突: which fields of a queued edit differ from the server's record, and the
// merge the person chooses. The pure rules first; then each kind of record as the real server
// returns it, put in its update's shape: an unchanged record must show no difference at all.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { chooseAll, diffFields, isSameValue, mergeFields } from '../../src/package-sync/conflict/field-diff'
import { formatValue } from '../../src/package-sync/conflict/format-value'
import {
  CONFLICT_ROUTERS,
  conflictRouterOf,
  RECORD_SPECS,
  toServerRecord,
} from '../../src/package-sync/conflict/record-specs'
import { activityInput, cashDonationInput, householdInput } from '../helpers/factories'
import { createWorld, type World } from '../helpers/world'

describe('diffFields and mergeFields', () => {
  const mine = {
    id: 'r1',
    version: 3,
    theme: '我的主题',
    place: '',
    summary: null,
    participantOrgIds: ['b', 'a'],
    absences: [{ name: '张三', reason: '出差' }],
    expectedCount: 10,
    extra: '服务器记录里没有的字段',
    idNumber: '110101196606060011',
    phone: null,
  }
  const server = {
    theme: '别人的主题',
    place: null,
    summary: '',
    participantOrgIds: ['a', 'b'],
    absences: [{ name: '张三', reason: '生病' }],
    expectedCount: 10,
    // Shown only masked by the server.
    idNumber: undefined,
    phone: undefined,
  }

  it('lists the fields that differ, in my order; blanks, id sets and unknown fields are not differences', () => {
    expect(diffFields(mine, server)).toEqual([
      { key: 'theme', mine: '我的主题', server: '别人的主题' },
      { key: 'absences', mine: mine.absences, server: server.absences },
      { key: 'idNumber', mine: mine.idNumber, server: undefined },
      // Clearing a masked field is a change of mine too.
      { key: 'phone', mine: null, server: undefined },
    ])
    expect(isSameValue([{ item: '米', quantity: 1 }], [{ item: '米', quantity: 2 }])).toBe(false)
    expect(isSameValue({ status: 'HEALTHY', detail: null }, { status: 'HEALTHY' })).toBe(true)
    expect(isSameValue(['a'], ['a', 'a'])).toBe(false)
  })

  it('merges: my values by default, the server’s where chosen, a masked one left out, at the server’s version', () => {
    const diffs = diffFields(mine, server)
    const merged = mergeFields(mine, server, { theme: 'server', idNumber: 'server', phone: 'mine' }, 7)
    expect(merged).toEqual({ ...mine, version: 7, theme: '别人的主题', idNumber: undefined })
    expect(merged).not.toHaveProperty('idNumber')
    expect(mergeFields(mine, server, chooseAll(diffs, 'mine'), 7)).toEqual({ ...mine, version: 7 })
    const allServer = mergeFields(mine, server, chooseAll(diffs, 'server'), 7)
    expect(allServer).toMatchObject({ theme: '别人的主题', absences: server.absences, extra: mine.extra, id: 'r1' })
    expect(Object.keys(allServer)).not.toContain('phone')
    // Never the identity, whatever is asked.
    expect(mergeFields(mine, { id: 'other' }, { id: 'server' }, 7).id).toBe('r1')
  })

  it('formats values readably: money, codes, ids by name, lists summarised', () => {
    const names = { 'org-a': '机关党支部' }
    expect(formatValue('cashFen', 12_345, { names })).toBe('¥123.45')
    expect(formatValue('kind', 'THEMED_PARTY_DAY', { codes: RECORD_SPECS.activity.codes.kind, names })).toBe('主题党日')
    expect(formatValue('participantOrgIds', ['org-a', 'org-b'], { names })).toBe('机关党支部，另 1 个')
    expect(formatValue('organiserOrgId', 'org-a', { names })).toBe('机关党支部')
    expect(formatValue('place', '', { names })).toBe('（空）')
    expect(
      formatValue(
        'goods',
        [
          { item: '大米', quantity: 2, unit: '袋', unitValueFen: 10_000 },
          { item: '食用油', quantity: 1, unit: '桶', unitValueFen: 5_000 },
        ],
        { names },
      ),
    ).toBe('大米2袋、食用油1桶（折价 ¥250.00）')
    expect(
      formatValue(
        'members',
        [
          { name: '王某', relationship: 'HEAD', health: { status: 'CHRONIC_ILLNESS' } },
          { name: '李某', relationship: 'SPOUSE' },
        ],
        { names },
      ),
    ).toBe('2 人：王某（户主，长期慢性病）、李某（配偶）')
    expect(
      formatValue('helpMeasures', ['INDUSTRY', 'HEALTH'], { codes: RECORD_SPECS.household.codes.helpMeasures, names }),
    ).toBe('产业帮扶、健康帮扶')
  })

  it('knows which procedures are edits that may conflict', () => {
    expect(CONFLICT_ROUTERS.map((r) => conflictRouterOf(`${r}.update`))).toEqual([...CONFLICT_ROUTERS])
    expect(conflictRouterOf('activity.create')).toBeNull()
    expect(conflictRouterOf('photo.update')).toBeNull()
  })
})

describe('the server’s records in their update’s shape', () => {
  let world: World
  beforeAll(async () => {
    world = await createWorld()
  })
  const strip = <T extends Record<string, unknown>>(input: T, keys: string[]) =>
    Object.fromEntries(Object.entries(input).filter(([k]) => !keys.includes(k)))

  it('an unchanged activity, donation, household, need and visit show no difference', async () => {
    const village = world.ref.villages.qianyue.id
    const activity = activityInput(world.ref.orgs.bureauBranch.id, {
      villageId: village,
      place: '村委会',
      summary: '小结',
      expectedCount: 3,
      presentCount: 2,
      absences: [{ name: '张三', reason: '出差' }],
      participantOrgIds: [world.ref.orgs.otherVillageBranch.id],
    })
    const a = await world.secretary.activity.create(activity)
    expect(
      diffFields(activity, toServerRecord.activity(await world.secretary.activity.byId({ id: a.id })).values),
    ).toEqual([])

    const donation = cashDonationInput(village, 20_000, { activityId: a.id, note: '备注' })
    const d = await world.secretary.donation.create(donation)
    const donationRecord = toServerRecord.donation(await world.secretary.donation.byId({ id: d.id }))
    expect(
      diffFields({ activityId: a.id, receivedOn: donation.receivedOn, note: '备注' }, donationRecord.values),
    ).toEqual([])
    expect(donationRecord.names[a.id]).toBe(activity.theme)

    const household = householdInput(village, { helpMeasures: ['HEALTH', 'INDUSTRY'], notes: '备注' })
    const h = await world.cadre.household.create(household)
    const householdRecord = toServerRecord.household(await world.cadre.household.byId({ id: h.id }))
    // As the form sends it: existing members by their id, ID numbers left out unless retyped.
    const edit = {
      ...strip(household, ['villageId', 'idNumber', 'phone']),
      members: household.members?.map((m, i) => ({
        ...strip(m, ['idNumber']),
        id: (householdRecord.values.members as { id: string }[])[i]?.id,
      })),
    }
    expect(diffFields(edit, householdRecord.values)).toEqual([])
    // The ID number and phone are only masked: any edit of them counts as mine.
    expect(diffFields({ idNumber: household.idNumber }, householdRecord.values).map((x) => x.key)).toEqual(['idNumber'])
    expect(householdRecord.masked.idNumber).toMatch(/\*/)

    const need = { category: 'MEDICAL', description: '需要送药上门', urgency: 'URGENT', dueOn: '2025-03-01' } as const
    const n = await world.cadre.need.create({ ...need, householdId: h.id })
    expect(diffFields(need, toServerRecord.need(await world.cadre.need.byId({ id: n.id })).values)).toEqual([])

    const visit = {
      visitedOn: '2025-02-20',
      visitorIds: [],
      healthNotes: null,
      livingConditions: '一般',
      difficulties: '看病难',
      goods: [{ item: '大米', quantity: 2, unit: '袋', unitValueFen: 10_000 }],
      cashFen: 10_000,
    }
    const v = await world.cadre.visit.create({
      ...visit,
      id: randomUUID(),
      target: 'HOUSEHOLD',
      householdId: h.id,
    })
    expect(diffFields(visit, toServerRecord.visit(await world.cadre.visit.byId({ id: v.id })).values)).toEqual([])
  })
})
