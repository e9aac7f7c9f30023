/** The {@code gateway} command line: render, policy, env, demo. */
package dev.mailgateway.cli;
