package dev.playbake.template;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ansible.utils' IP filters; the expected answers are ansible.utils 2.10 on netaddr 0.8's (IpAddrParityIT checks many more). */
class IpFiltersTest {

    private final Templar templar = new Templar(new LookupPlugins(NoFiles.FINDER));

    private String render(String template, Map<String, Object> values) {
        return templar.renderText(template, name -> Optional.ofNullable(values.get(name)));
    }

    private String render(String template) {
        return render(template, Map.of());
    }

    @Test
    void readsTheTextFormsNetaddrReads() {
        assertEquals(BigInteger.valueOf(0xc0000201L), IpText.pton4("192.0.2.1"));
        assertNull(IpText.pton4("192.0.2.01"));
        assertEquals(new IpNetwork(4, BigInteger.valueOf(0x0a000001L), 32), IpNetwork.parse("010.0.0.1"));
        assertEquals("10.0.0.0/8", IpNetwork.parse("10/8").toString());
        assertEquals("10.0.0.1/24", IpNetwork.parse("10.0.0.1/255.255.255.0").toString());
        assertEquals("10.0.0.1/24", IpNetwork.parse("10.0.0.1/0.0.0.255").toString());
        assertNull(IpNetwork.parse("10.0.0.1/255.0.255.0"));
        assertNull(IpNetwork.parse("fe80::1%eth0"));
        assertEquals("8.0.0.2", IpFilters.ipmath("010.0.0.1", 1));
        assertEquals("10.0.0.1", IpFilters.ipmath("0x0a.1", 0));
    }

    @Test
    void writesIpv6AsInetNtopDoes() {
        assertEquals("2001:db8::1", IpText.ntop6(IpText.pton6("2001:0DB8:0:0:0:0:0:1")));
        assertEquals("1:0:0:2::3", IpText.ntop6(IpText.pton6("1:0:0:2:0:0:0:3")));
        assertEquals("::ffff:192.0.2.1", IpText.ntop6(IpText.pton6("::ffff:c000:201")));
        assertEquals("::0.1.0.2", IpText.ntop6(IpText.pton6("::1:2")));
        assertEquals("::", IpText.ntop6(BigInteger.ZERO));
        assertNull(IpText.pton6("1:2:3:4:5:6:7::8"));
        assertNull(IpText.pton6("1::2::3"));
    }

    @Test
    void answersTheQueriesRolesUse() {
        String cidr = "{{ '192.0.2.5/24' | ansible.utils.ipaddr('%s') }}";
        Map<String, String> expected = Map.ofEntries(
                Map.entry("address", "192.0.2.5"), Map.entry("network", "192.0.2.0"), Map.entry("net", ""),
                Map.entry("netmask", "255.255.255.0"), Map.entry("prefix", "24"), Map.entry("broadcast", "192.0.2.255"),
                Map.entry("size", "256"), Map.entry("network/prefix", "192.0.2.0/24"), Map.entry("host", "192.0.2.5/24"),
                Map.entry("int", "3221225989/24"), Map.entry("first_usable", "192.0.2.1"),
                Map.entry("last_usable", "192.0.2.254"), Map.entry("size_usable", "254"), Map.entry("private", ""),
                Map.entry("public", "192.0.2.5/24"), Map.entry("ipv4", "192.0.2.5/24"), Map.entry("ipv6", "::ffff:192.0.2.5/120"));
        expected.forEach((query, answer) -> assertEquals(answer, render(cidr.formatted(query)), query));
        assertEquals("192.0.2.3", render("{{ '192.0.2.0/24' | ipaddr('net') | ipaddr(3) | ipaddr('address') }}"));
        assertEquals("192.0.2.0/24", render("{{ '192.0.2.0/24' | ansible.utils.ipaddr('net') }}"));
        assertEquals("10.0.0.1", render("{{ '10.0.0.1' | ansible.utils.ipaddr('private') }}"));
        assertEquals("8.8.8.8", render("{{ '8.8.8.8' | ansible.utils.ipaddr('public') }}"));
        assertEquals("False", render("{{ 'host.example' | ansible.utils.ipaddr }}"));
        assertEquals("192.168.1.1", render("{{ 3232235777 | ansible.utils.ipaddr }}"));
    }

    @Test
    void ipv6AddressesAndNetworks() {
        assertEquals("2001:db8::1", render("{{ '2001:DB8:0::1/64' | ansible.utils.ipaddr('address') }}"));
        assertEquals("2001:db8::/64", render("{{ '2001:db8::1/64' | ansible.utils.ipaddr('network/prefix') }}"));
        assertEquals("18446744073709551616", render("{{ '2001:db8::1/64' | ansible.utils.ipaddr('size') }}"));
        assertEquals("False", render("{{ '2001:db8::1' | ansible.utils.ipv4 }}"));
        assertEquals("2001:db8::1", render("{{ '2001:db8::1' | ansible.utils.ipv6 }}"));
        assertEquals("[2001:db8::1]:80", render("{{ '2001:db8::1' | ansible.utils.ipwrap }}:80"));
        assertEquals("192.0.2.1:80", render("{{ '192.0.2.1' | ansible.utils.ipwrap }}:80"));
        assertEquals("2001:db8::11", render("{{ '2001:db8::1/64' | ansible.utils.ipmath(16) }}"));
    }

    @Test
    void mapsListsAndDropsWhatIsFalse() {
        List<Object> values = List.of("192.0.2.1", "x", "::1", "", "10.0.0.0/8", true, List.of("10.1.0.0/16", "y"));
        assertEquals("['192.0.2.1', '::1', '10.0.0.0/8', ['10.1.0.0/16']]", render("{{ v | ansible.utils.ipaddr }}",
                Map.of("v", values)));
        assertEquals("['192.0.2.1']", render("{{ v | ansible.utils.ipv4('address') }}", Map.of("v", values)));
        assertEquals("[8, 16]", render("{{ ['10.0.0.0/8', '10.1.0.0/16', '0.0.0.0/0'] | ipaddr('prefix') }}"));
        assertEquals("['192.0.2.1', 'x', '[::1]']", render("{{ ['192.0.2.1', 'x', '::1'] | ipwrap }}"));
    }

    @Test
    void whatAnsibleRefusesFailsNamingIt() {
        TemplateException unknown = assertThrows(TemplateException.class,
                () -> render("{{ '10.0.0.1' | ansible.utils.ipaddr('bogus') }}"));
        assertTrue(unknown.getMessage().contains("ipaddr: unknown filter type: bogus"), unknown.getMessage());
        TemplateException type = assertThrows(TemplateException.class, () -> render("{{ {'a': 1} | ipv4 }}"));
        assertTrue(type.getMessage().contains("Unrecognized type <class 'dict'> for ipv4 filter"), type.getMessage());
        TemplateException address = assertThrows(TemplateException.class,
                () -> render("{{ '10.0.0.1' | ansible.utils.ipaddr('first_usable') }}"));
        assertTrue(address.getMessage().contains("Not a network address"), address.getMessage());
        TemplateException math = assertThrows(TemplateException.class, () -> render("{{ 'x' | ipmath(1) }}"));
        assertTrue(math.getMessage().contains("You must pass a valid IP address; x is invalid"), math.getMessage());
        assertThrows(TemplateException.class, () -> render("{{ '255.255.255.255' | ipmath(1) }}"));
    }
}
