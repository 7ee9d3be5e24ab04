export default definePageConfig({ navigationBarTitleText: '捐赠对账' })
