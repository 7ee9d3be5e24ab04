// After a failed save: brings the first error shown under a field into view. A message that no
// field shows (the form's own, or one for a field off this form) goes to a toast instead, so the
// person always sees why, and never the same message twice.
import Taro from '@tarojs/taro'
import { toast } from './toast'

/** What FormField, the forms' own error lines and a list's rows (goods lines) are drawn with. */
const ERROR_SELECTOR = '.form-field--error, .field-error, .form-field__error'

/** Space above the field, so its label shows too (px). */
const ABOVE = 80

export const revealFirstError = (unshownMessage: string | undefined): void => {
  // The errors draw on the next render.
  setTimeout(() => {
    if (process.env.TARO_ENV === 'h5') {
      // Taro keeps earlier pages in the document, hidden: the first error drawn on screen.
      const shown = Array.from(document.querySelectorAll(ERROR_SELECTOR)).find((el) => el.getClientRects().length > 0)
      if (shown) shown.scrollIntoView({ block: 'center', behavior: 'smooth' })
      else if (unshownMessage) toast(unshownMessage)
      return
    }
    Taro.createSelectorQuery()
      .select(ERROR_SELECTOR)
      .boundingClientRect((rect) => {
        if (rect) void Taro.pageScrollTo({ selector: ERROR_SELECTOR, offsetTop: -ABOVE, duration: 200 })
        else if (unshownMessage) toast(unshownMessage)
      })
      .exec()
  }, 0)
}
