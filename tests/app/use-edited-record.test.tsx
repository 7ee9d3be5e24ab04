// An edit form saves against the version it was filled from: a background refetch that brings a
// newer version must not let the stale form through the server's version check.
import { act, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useEditedRecord } from '../../src/lib/use-edited-record'
import { answerModal, restoreTaro } from './stub-taro'

type Household = { version: number; notes: string }

afterEach(restoreTaro)

describe('useEditedRecord', () => {
  it('keeps the loaded version through refetches, and refills only when asked', async () => {
    const fill = vi.fn<(h: Household) => void>()
    const refetch = vi.fn()
    const { result, rerender } = renderHook(({ record }) => useEditedRecord(record, fill, refetch), {
      initialProps: { record: undefined as Household | undefined },
    })
    expect(result.current.loadedVersion).toBeNull()

    rerender({ record: { version: 3, notes: '原内容' } })
    await waitFor(() => expect(result.current.loadedVersion).toBe(3))
    // Someone else saved; a background refetch brings version 4. The form still holds version 3.
    rerender({ record: { version: 4, notes: '别人改的' } })
    expect(result.current.loadedVersion).toBe(3)
    expect(fill).toHaveBeenCalledTimes(1)

    // The save conflicts; the person chooses to load the latest.
    const modal = answerModal(true)
    await act(async () => result.current.offerReload())
    expect(modal).toHaveBeenCalledOnce()
    expect(refetch).toHaveBeenCalledOnce()
    rerender({ record: { version: 4, notes: '别人改的' } })
    await waitFor(() => expect(result.current.loadedVersion).toBe(4))
    expect(fill).toHaveBeenLastCalledWith({ version: 4, notes: '别人改的' })
  })

  it('leaves the form alone when the person declines to reload', async () => {
    const fill = vi.fn<(h: Household) => void>()
    const refetch = vi.fn()
    const { result, rerender } = renderHook(({ record }) => useEditedRecord(record, fill, refetch), {
      initialProps: { record: { version: 1, notes: '' } as Household },
    })
    await waitFor(() => expect(result.current.loadedVersion).toBe(1))
    answerModal(false)
    await act(async () => result.current.offerReload())
    rerender({ record: { version: 2, notes: '新' } })
    expect(refetch).not.toHaveBeenCalled()
    expect(result.current.loadedVersion).toBe(1)
    expect(fill).toHaveBeenCalledTimes(1)
  })
})
