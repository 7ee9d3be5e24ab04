// enableShareAppMessage: the mini-program's ··· menu offers 转发 on this page (the sheet is shared
// in WeChat instead of printed).
export default definePageConfig({ navigationBarTitleText: '主题党日活动记录', enableShareAppMessage: true })
