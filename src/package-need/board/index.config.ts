export default definePageConfig({ navigationBarTitleText: '诉求看板', enablePullDownRefresh: true })
