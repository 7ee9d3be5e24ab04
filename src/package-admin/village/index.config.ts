export default definePageConfig({ navigationBarTitleText: '村', enablePullDownRefresh: true })
