#!/usr/bin/perl
# Verifies the message on standard input with Perl's Mail::DKIM, taking key records from the
# file named as the first argument ("name<space>TXT value" lines) instead of DNS.
# Prints one line per signature: result_detail, domain, algorithm; then the overall result.
use strict;
use warnings;
use Mail::DKIM::Verifier;
use Net::DNS;

my %records;
open my $keys, '<', $ARGV[0] or die "cannot read $ARGV[0]: $!";
while (my $line = <$keys>) {
    chomp $line;
    my ($name, $value) = split / /, $line, 2;
    $records{lc $name} = $value;
}
close $keys;

{
    no warnings 'redefine';
    *Mail::DKIM::DNS::query = sub {
        my ($name, $type) = @_;
        my $value = $records{lc $name};
        return () unless defined $value;
        my @strings = unpack('(a255)*', $value);
        return (Net::DNS::RR->new(name => $name, type => 'TXT', txtdata => [@strings]));
    };
}

my $dkim = Mail::DKIM::Verifier->new;
binmode STDIN;
while (my $line = <STDIN>) {
    $line =~ s/\015?\012\z/\015\012/;
    $dkim->PRINT($line);
}
$dkim->CLOSE;
foreach my $signature ($dkim->signatures) {
    printf "%s d=%s a=%s\n", $signature->result_detail, $signature->domain // '-',
        $signature->algorithm // '-';
}
printf "overall: %s\n", $dkim->result_detail;
