export default definePageConfig({ navigationBarTitleText: '请受助人签字' })
