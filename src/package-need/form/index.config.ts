export default definePageConfig({ navigationBarTitleText: '党日帮扶台账' })
