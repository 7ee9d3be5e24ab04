export default definePageConfig({ navigationBarTitleText: '导入村名单' })
