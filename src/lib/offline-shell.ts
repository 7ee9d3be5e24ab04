// The mini-program's package is on the phone already; H5 registers its service worker
// (offline-shell.h5.ts).
import type { QueryClient } from '@tanstack/react-query'

export const registerOfflineShell =
  (_queryClient: QueryClient): (() => void) =>
  () => {}
