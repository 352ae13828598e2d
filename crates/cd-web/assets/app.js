// compute-divide dashboard: submit the view form on change, keeping only the values that differ from the
// defaults (so shared links stay short), and show the model under the pointer or the keyboard focus.
// The pages work without this file: the form then submits every field.
(function () {
  'use strict';
  var form = document.getElementById('view');
  function go() {
    var params = new URLSearchParams();
    var fields = form.querySelectorAll('[name]');
    for (var i = 0; i < fields.length; i++) {
      var el = fields[i];
      var value = (el.value || '').trim();
      var def = el.getAttribute('data-default') || '';
      if (value !== '' && value !== def) params.append(el.name, value);
    }
    var q = params.toString();
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
