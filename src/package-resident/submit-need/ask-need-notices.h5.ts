// H5 has no WeChat subscribe messages: the resident follows the need in the app (the
// mini-program's is ask-need-notices.ts).
export const askNeedNotices = async (_templateId: string | null): Promise<string[]> => []
