// compute-divide dashboard: submit the view form on change, keeping only the values that differ from the
// defaults (so shared links stay short), and show the model under the pointer or the keyboard focus.
// The pages work without this file: the form then submits every field.
(function () {
  'use strict';
  var form = document.getElementById('view');
  // Percent-encode as the server's canonical query does (':' kept).
  function enc(v) {
    return encodeURIComponent(v).replace(/%3A/g, ':').replace(/[!'()*]/g, function (c) {
      return '%' + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }
  function go() {
    var set = [];
    var fields = form.querySelectorAll('[name]');
    for (var i = 0; i < fields.length; i++) {
      var el = fields[i];
      var value = (el.value || '').trim();
      var def = el.getAttribute('data-default') || '';
      if (value !== '' && value !== def) {
        set.push([Number(el.getAttribute('data-rank') || 0), el.name, value]);
      }
    }
    set.sort(function (a, b) { return a[0] - b[0]; });
    var q = set.map(function (p) { return enc(p[1]) + '=' + enc(p[2]); }).join('&');
    window.location.assign(form.getAttribute('action') + (q ? '?' + q : ''));
  }
  if (form) {
    form.addEventListener('change', go);
    form.addEventListener('submit', function (e) { e.preventDefault(); go(); });
  }
  var detail = document.getElementById('point-detail');
  if (detail) {
    var points = document.querySelectorAll('#figure-models_explorer .mark.point');
    var show = function (e) {
      var t = e.currentTarget.querySelector('title');
      detail.textContent = t ? t.textContent : '';
    };
    for (var j = 0; j < points.length; j++) {
      points[j].addEventListener('mouseenter', show);
      points[j].addEventListener('focus', show);
    }
  }
})();
