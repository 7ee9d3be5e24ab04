// Printing the page on paper, on H5: the browser's print dialog, with the page's @media print
// styles (A4, no nav bar, tab bar or buttons). The mini-program's is print-page.ts.

export const canPrint = true

export const printPage = (): void => window.print()
