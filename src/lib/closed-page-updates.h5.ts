// H5 renders through react-dom: there is no setData to hold back (closed-page-updates.ts is the
// mini-program's).
export const dropUpdatesToClosedPages = () => {}
