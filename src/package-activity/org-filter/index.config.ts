export default definePageConfig({ navigationBarTitleText: '按组织筛选' })
