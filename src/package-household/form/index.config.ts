export default definePageConfig({ navigationBarTitleText: '困难户信息' })
