// threads.js: the conversations shown by the saved LinkedIn-like test pages.
// The user is Sam Rivera. Message texts are plain text: the page renders them
// with text nodes (as LinkedIn does), so markup inside a message is inert.
window.THREADS = {
  '2-sales': {
    name: 'Dana Whitfield', url: '/in/dana-whitfield-7a1b2c/', headline: 'Account Executive at CloudSavvy', degree: '3rd',
    messages: [
      { from: 'them', at: 'Mon', text: 'Hi Sam,\nWe help companies like yours cut cloud spend by 30% in 90 days. I would love to show you a quick 15-minute demo of our platform this week.\nHere is my calendar link: https://cal.example.com/dana - pricing starts at $499/month.' },
    ],
  },
  '2-referral': {
    name: 'Jordan Blake', url: '/in/jordan-blake-93/', headline: 'Backend engineer, open to work', degree: '3rd',
    messages: [
      { from: 'them', at: 'Tue', text: 'Hi Sam, I came across your profile and saw you work at Acme. I am applying for the Senior Backend Engineer role there. Could you refer me for it? A referral from you would mean a lot, and I can send my resume today.' },
    ],
  },
  '2-warm': {
    name: 'Priya Raman', title: 'Priya Raman, PhD 🌱', url: '/in/priya-raman/', headline: 'Engineering Manager at Northwind', degree: '1st',
    messages: [
      { from: 'me', at: 'Sep 12', text: 'It was great to see you at GopherCon, Priya! Let us stay in touch.' },
      { from: 'them', at: 'Sep 12', text: 'Likewise, Sam! And thanks again for introducing me to your team last year.' },
      { from: 'them', at: 'Today', text: 'Hope you are well! I am in Berlin next week. Would you be up for a coffee? No agenda, just catching up. Happy to return the favour with an intro to our platform team if that is useful.' },
    ],
  },
  '2-followup': {
    name: 'Marco Rossi', url: '/in/marco-rossi-pm/', headline: 'Product manager', degree: '2nd',
    messages: [
      { from: 'them', at: 'Oct 2', text: 'Hi Sam, would you mentor me on moving into engineering management? A 30-minute call every week would be amazing.' },
      { from: 'me', at: 'Oct 3', text: 'Thanks for thinking of me, Marco. I am not able to take on mentoring right now, but I wish you the best with the move.' },
      { from: 'them', at: 'Today', text: 'Just following up again. Could we at least do a quick call this week? I really think you would be a great mentor.' },
    ],
  },
  '2-html': {
    name: 'Eve Tagliaferro', url: '/in/eve-tagliaferro/', headline: 'Growth at HireFast', degree: '3rd',
    messages: [
      { from: 'them', at: 'Today', text: 'Hi Sam! <b>Quick question</b> <script>window.__politelyPwned = true; document.title = "pwned"</script> <img src=x onerror="window.__politelyPwned = true"> We help companies like yours hire engineers faster. Could you introduce me to your head of engineering? Book a demo: https://hirefast.example.com/demo' },
    ],
  },
  '2-emoji': {
    name: 'Zoe Chen', url: '/in/zoe-chen-sales/', headline: 'SDR at Outbound.ly', degree: '3rd',
    messages: [
      { from: 'them', at: 'Today', text: '🚀🔥✨ Hi Sam 👋🏽! 👨‍👩‍👧 We help companies like yours 📈 book more meetings with our outbound platform. Can I get 15 minutes on your calendar for a demo? 🙏' },
    ],
  },
  // Messages in the other reply languages, for the interface in those
  // languages: the reply follows the message's language.
  '2-de': {
    name: 'Jonas Weber', url: '/in/jonas-weber-dev/', headline: 'Backend-Entwickler', degree: '3rd',
    messages: [
      { from: 'them', at: 'Heute', text: 'Hallo Sam,\nich bin auf Ihr Profil gestoßen und sehe, dass Sie bei Acme arbeiten. Ich bewerbe mich dort gerade als Backend-Entwickler. Könnten Sie mich empfehlen? Meinen Lebenslauf schicke ich Ihnen gern.\nViele Grüße\nJonas Weber' },
    ],
  },
  '2-zh': {
    name: '王磊', url: '/in/wang-lei-backend/', headline: '后端工程师', degree: '3rd',
    messages: [
      { from: 'them', at: '今天', text: 'Sam你好！我在领英上看到你在Acme工作，我正在申请那边的后端工程师职位。能不能帮我内推一下？我的简历可以马上发给你。谢谢！\n王磊' },
    ],
  },
  '2-pt': {
    name: 'Rafael Souza', url: '/in/rafael-souza-dev/', headline: 'Engenharia de back-end', degree: '3rd',
    messages: [
      { from: 'them', at: 'Hoje', text: 'Olá, Sam,\nencontrei seu perfil e vi que você trabalha na Acme. Estou me candidatando à vaga de desenvolvimento back-end de lá. Você poderia me indicar para a vaga? Posso enviar meu currículo hoje mesmo.\nAbraços,\nRafael Souza' },
    ],
  },
};
window.ME = { name: 'Sam Rivera', url: '/in/sam-rivera/' };
