export default definePageConfig({ navigationBarTitleText: '任务运行', enablePullDownRefresh: true })
