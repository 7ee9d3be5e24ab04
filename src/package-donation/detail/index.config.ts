export default definePageConfig({ navigationBarTitleText: '捐赠记录' })
