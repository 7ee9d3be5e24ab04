// 长辈模式 follows WeChat's own font setting (设置 → 通用 → 字体大小, getAppBaseInfo().fontSizeSetting)
// until the person chooses on 我的: a phone set larger than the standard 17 px opens the 工作台 in
// 长辈模式, one at the standard size does not, and a choice made on 我的 wins over the setting.
import { coldStart } from './cold-start'
import { findNode, type PageInstance } from './page-host'

/** Whether the page's root is drawn in 长辈模式 (PageShell's `elder` class; `cl` is Taro's key for class). */
export const isElderPage = (page: PageInstance | undefined) =>
  Boolean(findNode(page?.data.root, (node) => typeof node.cl === 'string' && /(^|\s)elder(\s|$)/.test(node.cl)))

/** A cold start on the 工作台 with this font setting and what the phone kept: is it in 长辈模式? */
export const elderModeAtStart = async ({
  fontSizeSetting,
  stored,
  ...start
}: {
  dist: string
  serverUrl: string
  files: string
  fontSizeSetting: number
  stored: Record<string, unknown>
}): Promise<{ isElder: boolean; isShown: boolean }> => {
  const phone = await coldStart({ ...start, stored, launchPage: 'pages/home/index', fontSizeSetting })
  const page = phone.firstPage
  const shownAt = page ? await phone.host.whenShown(page, '您好') : undefined
  return { isElder: isElderPage(page), isShown: shownAt !== undefined }
}
