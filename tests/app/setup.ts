// jsdom for the app's component tests.
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// NutUI's barrel imports lottie-web, which asks for a 2D canvas when it loads.
HTMLCanvasElement.prototype.getContext = function getContext(this: HTMLCanvasElement) {
  return new Proxy({}, { get: (_target, key) => (key === 'canvas' ? this : () => undefined), set: () => true })
} as unknown as HTMLCanvasElement['getContext']

afterEach(() => cleanup())
