/** One runnable example per scenario of the Docker image the toolkit models. */
package dev.mailgateway.examples;
