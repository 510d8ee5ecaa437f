/**
 * The snippets of docs/api.md, compiled: every ```java block of that page appears verbatim
 * (up to indentation) in {@link dev.purenet.examples.docs.ApiSnippets}, and ApiDocsTest fails
 * when one does not. The methods are compiled, not run; the examples run.
 */
@NullMarked
package dev.purenet.examples.docs;

import org.jspecify.annotations.NullMarked;
