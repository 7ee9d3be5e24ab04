// enableShareAppMessage: the invitation is forwarded to the person's WeChat chat as a card.
export default definePageConfig({ navigationBarTitleText: '邀请', enableShareAppMessage: true })
