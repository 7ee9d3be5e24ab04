export default definePageConfig({ navigationBarTitleText: '村与结对', enablePullDownRefresh: true })
