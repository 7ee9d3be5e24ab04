export default definePageConfig({ navigationBarTitleText: '登记发放' })
