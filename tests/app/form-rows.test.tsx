import { describe, expect, it, vi } from 'vitest'
import { rowsOf } from '../../src/lib/form-rows'

type Member = { name: string; workInfo: string }

describe('a row of a list inside a form, as a control takes it', () => {
  it('gives the row’s value, sets it in a new list, and shows the error the schema put under its path', () => {
    const onChange = vi.fn<(rows: Member[]) => void>()
    const members = [
      { name: '马德林', workInfo: '' },
      { name: '', workInfo: '西宁打工' },
    ]
    const rows = rowsOf(members, onChange, { errors: { 'members.1.name': '请填写姓名' }, path: 'members' })

    const name = rows.field(1, 'name')
    expect(name.value).toBe('')
    expect(name.error).toBe('请填写姓名')
    expect(rows.field(0, 'name').error).toBeUndefined()
    expect(rows.errorOf(1, 'name')).toBe('请填写姓名')

    name.onChange('马秀英')
    expect(onChange).toHaveBeenCalledWith([
      { name: '马德林', workInfo: '' },
      { name: '马秀英', workInfo: '西宁打工' },
    ])
    expect(members[1]?.name).toBe('')
  })
})
