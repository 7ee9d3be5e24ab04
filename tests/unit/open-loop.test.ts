import { describe, expect, it } from 'vitest'
import { arrivalOffsetsMs, runOpenLoop, summarise } from '../../bench/open-loop'

describe('arrivalOffsetsMs', () => {
  it('spaces the arrivals evenly at the rate', () => {
    expect(arrivalOffsetsMs(4, 1)).toEqual([0, 250, 500, 750])
    expect(arrivalOffsetsMs(200, 2)).toHaveLength(400)
    expect(arrivalOffsetsMs(200, 2).at(-1)).toBe(1995)
  })

  it('sends none for a run shorter than one interval', () => {
    expect(arrivalOffsetsMs(1, 0.5)).toEqual([])
  })
})

describe('summarise', () => {
  it('counts latency from the due time, not from when the request went out', () => {
    // Due every 10 ms; the server answered them all at once at 100 ms.
    const outcomes = Array.from({ length: 10 }, (_, i) => ({ dueMs: i * 10, settledMs: 100 }))
    const report = summarise(100, 10, outcomes)
    expect(report.p50Ms).toBe(60) // latencies 10, 20, … 100 ms
    expect(report.p99Ms).toBe(100)
    expect(report.maxMs).toBe(100)
    expect(report.answered).toBe(10)
    expect(report.achievedRate).toBe(100)
  })

  it('counts failures and unanswered requests as errors, and leaves them out of the latencies', () => {
    const report = summarise(10, 4, [
      { dueMs: 0, settledMs: 5 },
      { dueMs: 100, settledMs: 107 },
      { dueMs: 200, settledMs: 9_000, error: 'need.create INTERNAL_SERVER_ERROR/-' },
    ])
    expect(report.errors).toBe(2)
    expect(report.answered).toBe(2)
    expect(report.errorsByKind).toEqual({ 'need.create INTERNAL_SERVER_ERROR/-': 1, unanswered: 1 })
    expect(report.p99Ms).toBe(7)
  })

  it('gives the percentiles of each kind of request', () => {
    const report = summarise(10, 3, [
      { name: 'need.create', dueMs: 0, settledMs: 40 },
      { name: 'need.list', dueMs: 100, settledMs: 110 },
      { name: 'need.list', dueMs: 200, settledMs: 230 },
    ])
    expect(report.byNameMs).toEqual({ 'need.create': { p50: 40, p99: 40 }, 'need.list': { p50: 30, p99: 30 } })
  })
})

describe('runOpenLoop', () => {
  it('sends each request at its time even while earlier ones have not answered', async () => {
    let inFlight = 0
    let mostInFlight = 0
    const report = await runOpenLoop({
      rate: 100,
      seconds: 0.2,
      drainMs: 1_000,
      send: async () => {
        inFlight += 1
        mostInFlight = Math.max(mostInFlight, inFlight)
        await new Promise((resolve) => setTimeout(resolve, 100))
        inFlight -= 1
      },
      errorKind: () => 'error',
    })
    expect(report.sent).toBe(20)
    expect(report.answered).toBe(20)
    expect(mostInFlight).toBeGreaterThanOrEqual(5)
    expect(report.p50Ms).toBeGreaterThanOrEqual(99)
  })
})
