/**
 * HTTP and JSON: one controller per cell family, request and response records whose JSON names are
 * the SPEC's, and the handler that turns every failure into problem+json.
 */
@NullMarked
package com.rnnservice.api;

import org.jspecify.annotations.NullMarked;
