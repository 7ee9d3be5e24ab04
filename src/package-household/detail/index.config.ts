export default definePageConfig({ navigationBarTitleText: '困难户', enablePullDownRefresh: true })
