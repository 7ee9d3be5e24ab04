export default definePageConfig({ navigationBarTitleText: '人员与账号', enablePullDownRefresh: true })
