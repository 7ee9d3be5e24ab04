// AbortController / AbortSignal for WeChat mini-programs, whose JS runtime has neither. The tRPC
// client (httpBatchLink) and React Query (Query#fetch) both need them, so this is the app's first
// import. Where a native implementation exists (H5, Node, jsdom) it does nothing.

type AbortEvent = { type: 'abort'; target: AbortSignalPolyfill }
type Listener = ((this: AbortSignalPolyfill, event: AbortEvent) => void) | { handleEvent: (event: AbortEvent) => void }

const namedError = (name: string, message: string): Error => {
  const error = new Error(message)
  error.name = name
  return error
}

export class AbortSignalPolyfill {
  aborted = false
  reason: unknown = undefined
  onabort: ((this: AbortSignalPolyfill, event: AbortEvent) => void) | null = null
  private listeners: { listener: Listener; once: boolean }[] = []

  addEventListener(type: string, listener: Listener | null, options?: boolean | { once?: boolean }): void {
    if (type !== 'abort' || !listener || this.listeners.some((l) => l.listener === listener)) return
    this.listeners.push({ listener, once: typeof options === 'object' && options !== null && Boolean(options.once) })
  }

  removeEventListener(type: string, listener: Listener | null): void {
    if (type !== 'abort' || !listener) return
    this.listeners = this.listeners.filter((l) => l.listener !== listener)
  }

  dispatchEvent(event: { type: string }): boolean {
    if (event.type !== 'abort') return true
    const abortEvent: AbortEvent = { type: 'abort', target: this }
    this.onabort?.call(this, abortEvent)
    const current = this.listeners
    this.listeners = current.filter((l) => !l.once)
    for (const { listener } of current) {
      if (typeof listener === 'function') listener.call(this, abortEvent)
      else listener.handleEvent(abortEvent)
    }
    return true
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason
  }

  /** @internal used by AbortControllerPolyfill */
  abortWith(reason?: unknown): void {
    if (this.aborted) return
    this.aborted = true
    this.reason = reason === undefined ? namedError('AbortError', 'This operation was aborted') : reason
    this.dispatchEvent({ type: 'abort' })
  }

  static abort(reason?: unknown): AbortSignalPolyfill {
    const controller = new AbortControllerPolyfill()
    controller.abort(reason)
    return controller.signal
  }

  static timeout(ms: number): AbortSignalPolyfill {
    const controller = new AbortControllerPolyfill()
    setTimeout(() => controller.abort(namedError('TimeoutError', 'The operation timed out')), ms)
    return controller.signal
  }

  static any(signals: AbortSignalPolyfill[]): AbortSignalPolyfill {
    const controller = new AbortControllerPolyfill()
    for (const signal of signals) {
      if (signal.aborted) {
        controller.abort(signal.reason)
        break
      }
      signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true })
    }
    return controller.signal
  }
}

export class AbortControllerPolyfill {
  readonly signal = new AbortSignalPolyfill()

  abort(reason?: unknown): void {
    this.signal.abortWith(reason)
  }
}

declare const global: unknown
// Older WeChat base libraries have no globalThis; their global object is `global`.
const scope = (typeof globalThis !== 'undefined' ? globalThis : global) as {
  AbortController?: unknown
  AbortSignal?: unknown
}
if (typeof scope.AbortController === 'undefined') {
  scope.AbortController = AbortControllerPolyfill
  scope.AbortSignal = AbortSignalPolyfill
}
