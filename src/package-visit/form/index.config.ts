export default definePageConfig({ navigationBarTitleText: '登记走访' })
