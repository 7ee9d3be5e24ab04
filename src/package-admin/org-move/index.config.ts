export default definePageConfig({ navigationBarTitleText: '调整上级组织' })
