export default definePageConfig({ navigationBarTitleText: '派驻驻村干部' })
