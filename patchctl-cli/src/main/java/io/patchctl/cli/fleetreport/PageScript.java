package io.patchctl.cli.fleetreport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The page's one inline script: filters and sorts the host table from the rows' data attributes.
 * It is a constant (no report data is ever written into it), so the Content-Security-Policy allows
 * exactly it by its SHA-256 ({@code script-src 'sha256-…'}) and no other script can run, injected or not.
 * Without JavaScript the table is complete, just not filterable.
 */
final class PageScript {

    static final String SOURCE = String.join("\n",
            "(function(){",
            "var t=document.getElementById('host-table');if(!t)return;",
            "var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);",
            "var sels=Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));",
            "var q=document.getElementById('host-search'),count=document.getElementById('host-count');",
            "function apply(){var n=0,text=q?q.value.toLowerCase():'';",
            "rows.forEach(function(r){var ok=sels.every(function(s){return !s.value||r.getAttribute('data-'+s.getAttribute('data-filter'))===s.value;});",
            "if(ok&&text){ok=(r.getAttribute('data-host')+' '+(r.getAttribute('data-name')||'')).toLowerCase().indexOf(text)>=0;}",
            "r.hidden=!ok;if(ok)n++;});",
            "count.textContent=n+' of '+rows.length+' hosts shown';}",
            "sels.forEach(function(s){s.addEventListener('change',apply);});if(q)q.addEventListener('input',apply);",
            "var ths=Array.prototype.slice.call(t.tHead.rows[0].cells);",
            "ths.forEach(function(th,i){var kind=th.getAttribute('data-sort');if(!kind)return;",
            "var b=document.createElement('button');b.type='button';b.className='sort';b.textContent=th.textContent;th.textContent='';th.appendChild(b);",
            "b.addEventListener('click',function(){var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;",
            "ths.forEach(function(o){o.removeAttribute('aria-sort');});th.setAttribute('aria-sort',dir===1?'ascending':'descending');",
            "function key(r){var c=r.cells[i];var v=c.hasAttribute('data-v')?c.getAttribute('data-v'):c.textContent;return kind==='num'?(parseFloat(v)||0):v.toLowerCase();}",
            "rows.sort(function(a,b){var x=key(a),y=key(b);return (x<y?-1:x>y?1:0)*dir;});",
            "rows.forEach(function(r){body.appendChild(r);});});});",
            "document.documentElement.className+=' js';apply();",
            "})();");

    /** The CSP source expression that allows {@link #SOURCE} and nothing else. */
    static final String CSP_HASH = "'sha256-" + sha256(SOURCE) + "'";

    private PageScript() {
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
