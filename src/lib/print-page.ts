// Printing the page on paper. The mini-program cannot print: its record pages are shared
// (转发) or kept as a screenshot instead, so there is no 打印 button there. (H5 has its own
// file, print-page.h5.ts: `window` named here would pull Taro's polyfill for it into the
// mini-program, as download-export.ts explains.)

export const canPrint = false

export const printPage = (): void => {}
