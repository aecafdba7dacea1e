package dev.playbake.template;

/**
 * The table IpAddrParityIT renders: the forms roles feed ansible.utils' IP filters and the edges netaddr reads its own
 * way (partial IPv4, netmask and hostmask prefixes, numbers, leading zeros). Addresses here are data, never contacted;
 * they live apart from the IT because LoopbackOnlyTest holds ITs and test resources to loopback addresses.
 */
final class IpAddrParityCases {

    /** Values, the queries each goes through (ipaddr's; fewer for ipv4/ipv6), ipmath's amounts, whole templates. */
    static final String TABLE = """
            values:
              - 192.0.2.5
              - 192.0.2.5/24
              - 192.0.2.0/24
              - 192.0.2.255/24
              - 10.0.0.1/255.255.255.0
              - 10.0.0.1/0.0.0.255
              - 10.0.0.1/255.0.255.0
              - 172.16.5.4/12
              - 10.1.2.3/31
              - 10.1.2.2/31
              - 10.1.2.3/32
              - 10.1.2.1/30
              - 10.1.2.2/30
              - 8.8.8.8
              - 8.8.8.0/24
              - 127.0.0.1
              - 169.254.1.1/16
              - 224.0.0.1
              - 239.1.1.1
              - 0.0.0.0/0
              - 0.0.0.0
              - 255.255.255.255
              - 010.0.0.1
              - "192.168"
              - 10/8
              - 100.64.0.1/10
              - 2001:db8::1
              - 2001:DB8:0:0:0:0:0:1/64
              - 2001:db8::/64
              - 2001:db8::ffff:ffff:ffff:ffff/64
              - 2001:db8::/ffff:ffff:ffff:ffff::
              - 2001:0db8:0000:0000:0001:0000:0000:0001
              - fe80::1/10
              - fe80::1%eth0
              - "::1"
              - "::"
              - "::/0"
              - "::ffff:192.0.2.1"
              - "::192.0.2.1/120"
              - fd00::5/8
              - 2002:c000:204::1/48
              - 2002:c000:204::/48
              - ff02::1
              - 2001:db8::2/127
              - "::/128"
              - "::5/126"
              - 255.255.255.255/30
              - 0.0.0.0/30
              - host.fqdn
              - ""
              - 300.1.1.1
              - 192.0.2.1/33
              - 1.2.3.4/24/5
              - abc/24
              - 1.2.3.4.5
              - 3232235777
              - "3232235777"
              - "3232235776/24"
              - "42540766411282592856903984951653826560/64"
              - 42540766411282592856903984951653826561
              - 0
              - -1
              - true
              - [192.24.2.1, host.fqdn, "::1", "", 192.168.32.0/24, fe80::100/10, 42540766412265424405338506004571095040/64, true]
              - [10.0.0.0/30, [10.0.1.0/24, x]]
            # each query with every value through ansible.utils.ipaddr
            queries: ["", address, network, net, netmask, prefix, broadcast, size, network/prefix, host, int, ipv4, ipv6,
                      first_usable, last_usable, size_usable, private, public, 3, -1, "0", 300, "1", address/prefix, cidr,
                      hostmask, ip/prefix, ip_netmask, link-local, loopback, multicast, unicast, next_usable, previous_usable,
                      network_netmask, network_wildcard, peer, range_usable, revdns, type, version, wrap, 6to4, bool,
                      192.0.0.0/8, 2001:db8::/32, 10.1.2.0/24, bogus, cidr_lookup, "1.5", nan]
            # fewer queries through ipv4 and ipv6
            version_queries: ["", address, network, ipv6, ipv4, prefix, size, "1"]
            # ipmath amounts, with every value
            amounts: [1, -1, 256, "3", 4294967296]
            # more templates, one case each
            templates:
              - "{{ '192.0.2.5/24' | ipaddr('network') }} {{ '192.0.2.5' | ipv4 }} {{ '::1' | ipwrap }} {{ '10.0.0.1' | ipmath(3) }}"
              - "{{ '2001:db8::1/64' | ipv6('address') }} {{ '192.0.2.1' | ipv6 }} {{ '192.0.2.1' | ipv4('ipv6') }}"
              - "{{ '192.0.2.0/24' | ansible.utils.ipaddr('net') | ansible.utils.ipaddr(3) | ansible.utils.ipaddr('address') }}"
              - "{{ '192.0.2.0/24' | ansible.netcommon.ipaddr('-2') }}"
              - "{{ ['192.0.2.1', 'x', '2001:db8::1', '10.0.0.0/8'] | ansible.utils.ipwrap }}"
              - "{{ ['192.0.2.1', 'x', '2001:db8::1'] | ipwrap | join(',') }}"
              - "{{ '2001:db8::1' | ansible.utils.ipwrap }}:8080"
              - "{{ '192.0.2.1' | ansible.utils.ipaddr(query='address') }}"
              - "{{ '2001:db8::1' | ansible.utils.ipaddr('address', 4) }}"
              - "{{ '2001:db8::1' | ansible.utils.ipaddr('address', version=6) }}"
              - "{% if '10.0.0.1' | ansible.utils.ipaddr %}valid{% else %}invalid{% endif %}"
              - "{% if 'nope' | ansible.utils.ipaddr %}valid{% else %}invalid{% endif %}"
              - "{{ {'a': 1} | ansible.utils.ipaddr }}"
              - "{{ 1.5 | ansible.utils.ipaddr }}"
              - "{{ none | ansible.utils.ipaddr }}"
              - "{{ 5 | ansible.utils.ipwrap }}"
              - "{{ '10.0.0.1' | ansible.utils.ipmath('x') }}"
              - "{{ '255.255.255.255' | ansible.utils.ipmath(1) }}"
              - "{{ ['10.0.0.1'] | ansible.utils.ipmath(1) }}"
              - "{{ '10.0.0.1' | ansible.utils.ipmath(amount=2) }}"
              - "{{ '10.0.0.1' | ansible.utils.ipmath(true) }}"
              - "{{ '0x0a.1' | ansible.utils.ipmath(0) }} {{ '10.1' | ansible.utils.ipmath(0) }} {{ '1.2.3.4 junk' | ansible.utils.ipmath(0) }}"
              - "{{ '10.0.0.1/24' | ansible.utils.ipaddr(1.5) }}"
              - "{{ '192.0.2.5/24' | ansible.utils.ipaddr(true) }}"
            """;

    private IpAddrParityCases() {
    }
}
