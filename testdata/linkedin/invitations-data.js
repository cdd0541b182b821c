// invitations-data.js: the received invitations shown by the saved
// invitation pages (invitations.html, mynetwork-hashed.html). People and
// notes are invented. A note longer than `clamp` characters is shown cut
// with a "…see more" control, as LinkedIn does; the rest of the note exists
// in the page only once that control is clicked, so whatever reads the note
// must expand it first. `reply` marks the card that shows a reply box.
window.INVITATIONS = [
  {
    id: 'inv-maya', name: 'Maya Okonkwo', url: '/in/maya-okonkwo-5c2/', headline: 'Product designer at Fernhill', at: '2 days ago',
    note: 'Hi Sam, I came across your talk on accessible forms and would love to connect.',
  },
  {
    id: 'inv-dana', name: 'Dana Whitfield', url: '/in/dana-whitfield-7a1b2c/', headline: 'Partnerships at CloudSavvy', at: '3 days ago', clamp: 96,
    note: 'Hi Sam, I lead partnerships at CloudSavvy and have been following your team\'s work on data platforms. We help companies like yours cut cloud spend by 30% in 90 days. Do you have 15 minutes for a quick demo next week? Book a time here: https://cal.example.com/dana',
  },
  { id: 'inv-leo', name: 'Leo Brandt', url: '/in/leo-brandt-41/', headline: 'Data engineer at Kestrel', at: '4 days ago', note: '' },
  {
    id: 'inv-tomas', name: 'Tomás Ferreira', url: '/in/tomas-ferreira-0b9/', headline: 'Staff engineer at Ardent', at: '1 week ago', clamp: 110, reply: true,
    note: 'Fellow Ardent alum here! We overlapped on the payments team years ago. I am starting a small reading group on distributed systems and would love to reconnect and hear what you are working on these days.',
  },
  { id: 'inv-grace', name: 'Grace Liu', url: '/in/grace-liu-77/', headline: 'Recruiter at Lumen', at: '1 week ago', note: '' },
  {
    id: 'inv-omar', name: 'Omar Haddad', url: '/in/omar-haddad-2e/', headline: 'Entrepreneur', at: '2 weeks ago',
    note: 'Hi Sam! I have an exciting business opportunity for ambitious people: passive income, be your own boss, work from anywhere. Let\'s connect!',
  },
];
