#!/usr/bin/perl
# Reads message bodies, one per line in base64, and prints for each the body hash (bh=) that
# Perl's Mail::DKIM computes with relaxed and with simple canonicalization, separated by a space.
use strict;
use warnings;
use MIME::Base64;
use Mail::DKIM::Signature;
use Mail::DKIM::Algorithm::rsa_sha256;

while (my $line = <STDIN>) {
    chomp $line;
    my $body = decode_base64($line);
    my @hashes;
    foreach my $method ('relaxed', 'simple') {
        my $signature = Mail::DKIM::Signature->new(Algorithm => 'rsa-sha256',
            Method => "$method/$method", Domain => 'example.com', Selector => 's');
        my $algorithm = Mail::DKIM::Algorithm::rsa_sha256->new(Signature => $signature);
        $algorithm->finish_header(Headers => []);
        $algorithm->add_body($body);
        $algorithm->finish_body;
        push @hashes, encode_base64($algorithm->{body_hash}, '');
    }
    print join(' ', @hashes), "\n";
}
