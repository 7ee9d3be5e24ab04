// Taro's H5 tab bar renders its items as <a href="javascript:;"> with a click handler. Following
// that href is an inline script, which the pages' Content-Security-Policy refuses (and reports).
// The handler does the navigation; the href only needs not to be followed.
if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
  document.addEventListener(
    'click',
    (event) => {
      const link = (event.target as Element | null)?.closest?.('a[href^="javascript:"]')
      if (link) event.preventDefault()
    },
    true,
  )
}
