// The console's settings page as plain text, by hand: reads the token where the console keeps
// it (sessionStorage "account-console.token"), GETs {api-base}/customer/{id} with the same
// Fastly-Key and Accept headers, and shows every attribute of the answer under its group and
// label, inside data-field="<api name>", with the name in <h1 data-testid="customer-name">.
'use strict';
(() => {
  // [group, [[api name, label], …]] in the console's display order (src/domain/attributes.rs).
  const GROUPS = [
    ['Company profile', [['name', 'Company name'], ['phone_number', 'Phone number'], ['postal_address', 'Postal address']]],
    ['Security', [['force_2fa', 'Require two-factor authentication'], ['force_sso', 'Require single sign-on'], ['ip_whitelist', 'Login IP allowlist']]],
    ['Billing', [['pricing_plan', 'Pricing plan'], ['pricing_plan_id', 'Pricing plan ID'], ['billing_network_type', 'Network revenue type'], ['billing_ref', 'Purchase order reference']]],
    ['Capabilities', [['has_account_panel', 'Account panel'], ['has_improved_events', 'Improved events'], ['has_openstack_logging', 'OpenStack logging'], ['has_pci', 'PCI for services'], ['can_configure_wordpress', 'WordPress configuration'], ['can_reset_passwords', 'Password resets'], ['can_upload_vcl', 'Custom VCL upload'], ['has_improved_ssl_config', 'Improved SSL configuration'], ['has_pci_passwords', 'PCI passwords']]],
    ['Contacts', [['owner_id', 'Account owner'], ['billing_contact_id', 'Billing contact'], ['legal_contact_id', 'Legal contact'], ['security_contact_id', 'Security contact'], ['technical_contact_id', 'Technical contact']]],
    ['Record', [['id', 'Customer ID'], ['created_at', 'Created'], ['updated_at', 'Last updated'], ['deleted_at', 'Deleted']]],
  ];
  const app = document.getElementById('app');
  const el = (tag, attrs, text) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const show = (v) => {
    if (v === null) return 'Not set';
    if (v === true || v === '1') return 'Yes';
    if (v === false || v === '0') return 'No';
    return String(v);
  };

  const token = sessionStorage.getItem('account-console.token');
  const id = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
  if (!token) { app.textContent = 'Not signed in.'; return; }
  const base = document.querySelector('meta[name="api-base"]').content;
  fetch(`${base}/customer/${encodeURIComponent(id)}`, { headers: { 'Fastly-Key': token, Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
    .then((c) => {
      const page = document.createDocumentFragment();
      page.append(el('h1', { 'data-testid': 'customer-name' }, c.name ?? ''));
      for (const [title, fields] of GROUPS) {
        const present = fields.filter(([name]) => name in c); // absent = not visible to this token: not shown
        if (!present.length) continue;
        const section = el('section');
        section.append(el('h2', {}, title));
        for (const [name, label] of present) {
          const row = el('p', { 'data-field': name });
          row.append(el('strong', {}, `${label}: `), document.createTextNode(show(c[name])));
          section.append(row);
        }
        page.append(section);
      }
      app.replaceChildren(page);
      document.title = `${c.name} · Settings`;
    })
    .catch((e) => { app.replaceChildren(el('p', { role: 'alert' }, `Could not load the customer: ${e.message}`)); });
})();
