export default definePageConfig({ navigationBarTitleText: '组织', enablePullDownRefresh: true })
