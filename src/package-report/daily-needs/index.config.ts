export default definePageConfig({ navigationBarTitleText: '有诉必应日报', enablePullDownRefresh: true })
