// i18n.js: every string politely shows comes from _locales/<locale>/messages.json
// through chrome.i18n, and every date, number and duration is written by Intl
// for the same locale. A classic script (content scripts cannot import
// modules) that the pages, the content scripts and the service worker load;
// Node's unit tests load it too and hand it a messages.json read from disk.
(() => {
  'use strict';

  // fill replaces $1…$9 with the substitutions and $$ with $, as
  // chrome.i18n.getMessage does.
  function fill(message, subs) {
    return String(message).replace(/\$(\$|[1-9])/g, (_, d) => (d === '$' ? '$' : String(subs[Number(d) - 1] ?? '')));
  }

  let table = null; // messages set by use(), for Node
  const chromeI18n = () => (globalThis.chrome && chrome.i18n && chrome.i18n.getMessage ? chrome.i18n : null);

  // t returns the message id in the UI's locale with its substitutions. A
  // missing id shows as the id itself, which the unit test forbids, rather
  // than as nothing.
  function t(id, ...subs) {
    subs = subs.flat().map((s) => String(s));
    let m = '';
    if (table) m = table[id] ? fill(table[id].message, subs) : '';
    else if (chromeI18n()) m = chromeI18n().getMessage(id, subs);
    return m || id;
  }

  // use makes t read a messages.json object instead of chrome.i18n.
  function use(messages) {
    table = messages;
  }

  // locale is the folder the messages come from ("zh_CN"). Headless
  // Chromium reports en-US from getUILanguage() whatever --lang says, while
  // getMessage follows it, so each messages.json names its own locale.
  function locale() {
    const l = t('locale');
    return l === 'locale' ? 'en' : l;
  }

  // tag is the locale as a BCP 47 tag for Intl and lang attributes ("zh-CN").
  function tag() {
    return locale().replace('_', '-');
  }

  // uiLang is the language sent to the engine as ui_lang, as a BCP 47 tag
  // ("zh-CN", "pt-PT"): the engine writes its texts in the language and
  // the reply to a Portuguese message in the variant (pt-PT) where it has one.
  function uiLang() {
    return tag();
  }

  // apply fills an extension page: data-i18n sets the text, data-i18n-title,
  // -placeholder and -aria-label the attributes.
  function apply(root = document) {
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n'));
    for (const attr of ['title', 'placeholder', 'aria-label']) {
      for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`)));
    }
    if (root.documentElement) root.documentElement.lang = tag();
  }

  function number(n, opts) {
    return new Intl.NumberFormat(tag(), opts).format(n);
  }

  // minutes writes a duration as the locale does: "20 min", "20 Min.", "20分钟".
  function minutes(n) {
    return number(n, { style: 'unit', unit: 'minute', unitDisplay: 'short' });
  }

  // hours writes a number of hours with the locale's decimal mark.
  function hours(n) {
    return number(n, { maximumFractionDigits: 1 });
  }

  // quarter writes a calendar quarter [start, end) with its months as the
  // locale names them: "October – December 2026 (Q4)", "2026年第4季度（十月 –
  // 十二月）". The year goes through the message, not Intl's month-and-year
  // range, which Chromium writes as "2026/10 – 2026/12" in Chinese.
  function quarter(start, end) {
    const f = new Intl.DateTimeFormat(tag(), { month: 'long', timeZone: 'UTC' });
    const last = new Date(end.getTime() - 1);
    const months = f.formatRange ? f.formatRange(start, last) : `${f.format(start)} – ${f.format(last)}`;
    return t('revQuarter', months, number(start.getUTCFullYear(), { useGrouping: false }), number(Math.floor(start.getUTCMonth() / 3) + 1));
  }

  // langName names a language in the UI's language ("Deutsch", "德语").
  function langName(id) {
    try {
      return new Intl.DisplayNames([tag()], { type: 'language' }).of(id) || id;
    } catch (_) {
      return id;
    }
  }

  // list joins items as the locale does ("a, b und c", "a、b和c").
  function list(items) {
    return new Intl.ListFormat(tag(), { style: 'long', type: 'conjunction' }).format(items);
  }

  globalThis.politelyI18n = { t, fill, use, locale, tag, uiLang, apply, number, minutes, hours, quarter, langName, list };
})();
