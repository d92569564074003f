// The vendor database on rows in both formats it reads — the IEEE's CSV, quirks of the real files
// included, and arp-scan's tab-separated lists — on malformed lines, cut-short and random input;
// then loading files, and Debian's ieee-data itself when it is installed.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "netdiag/io/vendor_database.hpp"

using namespace netdiag;

namespace {

wire::MacAddress mac(const char* text) { return wire::parse_mac(text).value(); }

// The vendor `database` names for `address`, or "(none)": a failed check then prints both sides.
std::string vendor_of(const VendorDatabase& database, const char* address) {
  return database.lookup(mac(address)).value_or("(none)");
}

constexpr std::string_view kCsvHeader = "Registry,Assignment,Organization Name,Organization Address\r\n";

// Each registry the way the IEEE's CSV has it (Debian's oui.csv, mam.csv, oui36.csv): CRLF line
// ends, a MA-L block the IEEE keeps and sells on in MA-M and MA-S pieces.
const std::string kMaL = std::string(kCsvHeader) +
                         "MA-L,70B3D5,IEEE Registration Authority,445 Hoes Lane Piscataway NJ US 08554 \r\n"
                         "MA-L,F4BD9E,\"Cisco Systems, Inc\",80 West Tasman Drive San Jose CA US 94568 \r\n";
const std::string kMaM = std::string(kCsvHeader) + "MA-M,70B3D5F,Example Medium Blocks,1 Road Town  XX 1 \r\n";
const std::string kMaS = std::string(kCsvHeader) +
                         "MA-S,70B3D5F2F,TELEPLATFORMS,\"Polbina st., 3/1 Moscow  RU 109388 \"\r\n";

}  // namespace

TEST_CASE("IEEE CSV: quoted fields keep their commas and quotes; the header is no entry") {
  VendorDatabase database;
  const std::string csv = std::string(kCsvHeader) +
                          "MA-L,F4BD9E,\"Cisco Systems, Inc\",80 West Tasman Drive San Jose CA US 94568 \r\n"
                          "MA-L,002272,American Micro-Fuel Device Corp.,2181 Buchanan Loop Ferndale WA US 98248 \r\n"
                          "MA-L,5885E9,Realme,\"No.24 Nichang Boulevard, Huixing Block, Chongqing CN 401120 \"\r\n"
                          "MA-L,a4b1c2,\"The \"\"Quoted\"\" Company, Ltd\",\r\n"
                          "MA-M,8411C23,\t FUJIFILM Healthcare Corporation,\"Tokyo, JP\"\r\n";
  CHECK(database.add(csv) == 5);
  CHECK(database.size() == 5);
  CHECK(vendor_of(database, "f4:bd:9e:00:00:01") == "Cisco Systems, Inc");
  CHECK(vendor_of(database, "00:22:72:ab:cd:ef") == "American Micro-Fuel Device Corp.");
  CHECK(vendor_of(database, "58:85:e9:10:20:30") == "Realme");
  CHECK(vendor_of(database, "A4:B1:C2:00:00:00") == "The \"Quoted\" Company, Ltd");
  CHECK(vendor_of(database, "84:11:c2:3f:ff:ff") == "FUJIFILM Healthcare Corporation");  // trimmed
  CHECK_FALSE(database.lookup(mac("84:11:c2:40:00:00")).has_value());  // outside the MA-M block
}

TEST_CASE("the longest prefix wins: MA-S over MA-M over MA-L, whatever order the files come in") {
  for (const bool largest_first : {true, false}) {
    CAPTURE(largest_first);
    VendorDatabase database;
    if (largest_first) {
      CHECK(database.add(kMaL) == 2);
      CHECK(database.add(kMaM) == 1);
      CHECK(database.add(kMaS) == 1);
    } else {
      CHECK(database.add(kMaS) == 1);
      CHECK(database.add(kMaM) == 1);
      CHECK(database.add(kMaL) == 2);
    }
    CHECK(vendor_of(database, "70:b3:d5:f2:f0:01") == "TELEPLATFORMS");
    CHECK(vendor_of(database, "70:b3:d5:f2:ff:ff") == "TELEPLATFORMS");
    CHECK(vendor_of(database, "70:b3:d5:f3:00:00") == "Example Medium Blocks");
    CHECK(vendor_of(database, "70:b3:d5:f2:e0:00") == "Example Medium Blocks");
    CHECK(vendor_of(database, "70:b3:d5:e0:00:00") == "IEEE Registration Authority");
    CHECK(vendor_of(database, "70:b3:d5:00:00:00") == "IEEE Registration Authority");
  }
}

TEST_CASE("an address the IEEE broke over lines keeps its row and adds nothing of its own") {
  // As in Debian's oui.csv: bare LFs inside the quoted address, CRLF at the row's end; the second
  // piece even starts like a comment.
  const std::string csv = std::string(kCsvHeader) +
                          "MA-L,C404D8,Aviva Links Inc.,\"160 E Tasman Dr\n"
                          "STE 102 SAN JOSE CA US 95134 \"\r\n"
                          "MA-L,E016B1,\"Advanced Design Technology co.,ltd.\",\"1-1-3 Kotobukicho\n"
                          "#10F Mitsukikotobukichobiru Fucyu-city Tokyo JP 1830056 \"\r\n"
                          "MA-L,C4D496,\"Shenzhen Excelsecu Data Technology Co.,Ltd\",\"Unit 701-708,7/F,\n"
                          "Shenzhen, China. Shenzhen  CN 518057 \"\r\n"
                          "MA-L,002272,American Micro-Fuel Device Corp.,2181 Buchanan Loop Ferndale WA US 98248 \r\n";
  VendorDatabase database;
  CHECK(database.add(csv) == 4);
  CHECK(vendor_of(database, "c4:04:d8:01:02:03") == "Aviva Links Inc.");
  CHECK(vendor_of(database, "e0:16:b1:01:02:03") == "Advanced Design Technology co.,ltd.");
  CHECK(vendor_of(database, "c4:d4:96:01:02:03") == "Shenzhen Excelsecu Data Technology Co.,Ltd");
  CHECK(vendor_of(database, "00:22:72:01:02:03") == "American Micro-Fuel Device Corp.");
}

TEST_CASE("arp-scan's format: comments, separators, CRLF, prefixes of any length from 1 to 12 digits") {
  // Lines of /etc/arp-scan/mac-vendor.txt and /usr/share/arp-scan/ieee-oui.txt.
  const std::string text =
      "# mac-vendor.txt -- Ethernet vendor file for arp-scan\n"
      "#\n"
      "\n"
      "52:54:00\tQEMU\n"
      "00:00:5e:00:01\tVRRP (last octet is VRID)\n"
      "02:bf\tMicrosoft WLBS (last four octets are IP address)\n"
      "ff:ff:ff:ff:ff:ff\tBroadcast\n"
      "  \t \n"
      "70B3D5\tIEEE Registration Authority\r\n"
      "70b3d5f2f\tTELEPLATFORMS\r\n"
      "00-1B-C5.0\t\t Dashes and dots \tsecond column\n"
      "e\tOne digit\n";
  VendorDatabase database;
  CHECK(database.add(text) == 8);
  CHECK(vendor_of(database, "52:54:00:12:34:56") == "QEMU");
  CHECK(vendor_of(database, "00:00:5e:00:01:07") == "VRRP (last octet is VRID)");
  CHECK(vendor_of(database, "02:bf:c6:33:64:02") == "Microsoft WLBS (last four octets are IP address)");
  CHECK(vendor_of(database, "ff:ff:ff:ff:ff:ff") == "Broadcast");
  CHECK(vendor_of(database, "70:b3:d5:f2:f0:01") == "TELEPLATFORMS");  // no '\r' left on either
  CHECK(vendor_of(database, "70:b3:d5:01:02:03") == "IEEE Registration Authority");
  CHECK(vendor_of(database, "00:1b:c5:01:02:03") == "Dashes and dots");  // ends at the next tab
  CHECK(vendor_of(database, "e0:00:00:00:00:01") == "One digit");
  CHECK_FALSE(database.lookup(mac("00:00:5e:00:02:07")).has_value());
  CHECK_FALSE(database.lookup(mac("ff:ff:ff:ff:ff:fe")).has_value());
}

TEST_CASE("the first line that is not a comment decides the format, once") {
  SUBCASE("comments and blank lines before the CSV header") {
    VendorDatabase database;
    CHECK(database.add("# IEEE MA-L\n\n" + kMaL) == 2);
    CHECK(vendor_of(database, "f4:bd:9e:00:00:01") == "Cisco Systems, Inc");
  }
  SUBCASE("a header and a tab line in an arp-scan file are malformed lines") {
    VendorDatabase database;
    CHECK(database.add("002272\tAmerican Micro-Fuel\n" + kMaL + "52:54:00\tQEMU\n") == 2);
    CHECK(vendor_of(database, "00:22:72:00:00:01") == "American Micro-Fuel");
    CHECK_FALSE(database.lookup(mac("f4:bd:9e:00:00:01")).has_value());
  }
  SUBCASE("a tab line in a CSV file is a malformed line") {
    VendorDatabase database;
    CHECK(database.add(kMaL + "52:54:00\tQEMU\n") == 2);
    CHECK_FALSE(database.lookup(mac("52:54:00:00:00:01")).has_value());
  }
}

TEST_CASE("malformed lines are skipped; the lines around them still count") {
  SUBCASE("IEEE CSV") {
    const std::string csv = std::string(kCsvHeader) +
                            "MA-L,00227,Five digits,addr\r\n"
                            "MA-L,00227200,Eight digits,addr\r\n"
                            "MA-S,0022720000,Ten digits,addr\r\n"
                            "MA-L,00227G,Not hex,addr\r\n"
                            "MA-L,0x2272,Not hex either,addr\r\n"
                            "MA-L, 002272,Space in the assignment,addr\r\n"
                            "MA-L,,Empty assignment,addr\r\n"
                            "MA-L,002272\r\n"
                            "MA-L,002272,\r\n"
                            "MA-L,002272,  \t ,addr\r\n"
                            "MA-L,F4BD9E,\"Cisco Systems, Inc,80 West Tasman Drive\r\n"
                            "MA-L,F4BD9E,\"Cisco Systems\" Inc,addr\r\n"
                            "MA-L,F4BD9E,Cisco \"Systems\",addr\r\n"
                            "MA-L,\"F4BD9E,Cisco,addr\r\n"
                            "\"MA-L,F4BD9E,Cisco,addr\r\n"
                            "just one field\r\n"
                            ",,,\r\n"
                            "MA-L,002272,American Micro-Fuel Device Corp.,2181 Buchanan Loop\r\n"
                            "MA-L,F4BD9E,\"Cisco Systems, Inc\",80 West Tasman Drive\r\n"
                            "MA-L,00D0EF,IGT";  // the last line needs no line end
    VendorDatabase database;
    CHECK(database.add(csv) == 3);
    CHECK(database.size() == 3);
    CHECK(vendor_of(database, "00:22:72:00:00:00") == "American Micro-Fuel Device Corp.");
    CHECK(vendor_of(database, "f4:bd:9e:00:00:00") == "Cisco Systems, Inc");
    CHECK(vendor_of(database, "00:d0:ef:00:00:00") == "IGT");
  }
  SUBCASE("arp-scan") {
    const std::string text =
        "002272 American Micro-Fuel\n"  // spaces, no tab
        "0022720000001\tThirteen digits\n"
        "::-.\tNo digits\n"
        "\tNo prefix\n"
        "00227G\tNot hex\n"
        " 002272\tLeading space\n"
        "002272\t\n"
        "002272\t \t\n"
        "002272\n"
        "52:54:00\tQEMU\r\n";
    VendorDatabase database;
    CHECK(database.add(text) == 1);
    CHECK(vendor_of(database, "52:54:00:00:00:01") == "QEMU");
    CHECK_FALSE(database.lookup(mac("00:22:72:00:00:00")).has_value());
  }
}

TEST_CASE("nothing to add: empty input, comments only, a header only; a miss is nullopt") {
  VendorDatabase database;
  CHECK(database.empty());
  CHECK(database.add("") == 0);
  CHECK(database.add("\n\r\n \t\n") == 0);
  CHECK(database.add("# comment\n#\tstill a comment\n") == 0);
  CHECK(database.add(kCsvHeader) == 0);
  CHECK(database.empty());
  CHECK(database.size() == 0);
  CHECK_FALSE(database.lookup(mac("00:22:72:00:00:00")).has_value());
  CHECK(database.add(kMaL) == 2);
  CHECK_FALSE(database.empty());
  CHECK_FALSE(database.lookup(mac("00:22:72:00:00:00")).has_value());
}

TEST_CASE("the first entry for a prefix stays; a repeat adds nothing") {
  VendorDatabase database;
  CHECK(database.add("52:54:00\tQEMU\n525400\tSomeone else\n") == 1);
  CHECK(database.add("52-54-00\tA third\n") == 0);
  CHECK(database.size() == 1);
  CHECK(vendor_of(database, "52:54:00:00:00:01") == "QEMU");
  // The same digits at another length are another prefix.
  CHECK(database.add("5254000\tLonger\n") == 1);
  CHECK(vendor_of(database, "52:54:00:00:00:01") == "Longer");
  CHECK(vendor_of(database, "52:54:00:10:00:01") == "QEMU");
}

TEST_CASE("any bytes: every truncation of a file and random lines parse without failing") {
  const std::string csv = kMaL + kMaS.substr(kCsvHeader.size()) + "MA-L,\"x\"\"y\",\"a,\"\"b\"\"\",c\r\n";
  for (std::size_t length = 0; length <= csv.size(); ++length) {
    CAPTURE(length);
    VendorDatabase database;
    const std::size_t added = database.add(std::string_view(csv).substr(0, length));
    CHECK(added <= 3);
    CHECK(database.size() == added);
  }
  // A fixed-seed generator drawing mostly from the characters the parsers care about.
  std::uint32_t state = 12345;
  const auto next = [&state] {
    state = state * 1664525 + 1013904223;
    return state >> 8;
  };
  constexpr std::string_view kAlphabet = "0123456789abcdefABCDEF,\"\t\r\n#:-. xyz";
  for (const std::string_view header : {std::string_view(""), kCsvHeader}) {
    std::string text(header);
    for (int i = 0; i < 20000; ++i) {
      text += (next() % 8 == 0) ? static_cast<char>(next() & 0xff) : kAlphabet[next() % kAlphabet.size()];
    }
    VendorDatabase database;
    const std::size_t added = database.add(text);
    CHECK(database.size() == added);
    for (int i = 0; i < 100; ++i) {
      wire::MacAddress address{};
      for (std::byte& octet : address) octet = static_cast<std::byte>(next() & 0xff);
      const std::optional<std::string> vendor = database.lookup(address);
      CHECK((!vendor || !vendor->empty()));
    }
  }
}

TEST_CASE("load: the files that can be read; missing ones, directories and endless ones are skipped") {
  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() / ("netdiag_vendor_database_test." + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const struct Remover {
    std::filesystem::path path;
    ~Remover() { std::filesystem::remove_all(path); }
  } remover{directory};
  std::ofstream(directory / "oui.csv", std::ios::binary) << kMaL;
  std::ofstream(directory / "mac-vendor.txt", std::ios::binary) << "52:54:00\tQEMU\n";
  const VendorDatabase database = VendorDatabase::load({
      (directory / "missing.csv").string(),
      (directory / "oui.csv").string(),
      directory.string(),
      "/dev/zero",  // only the size limit ends this one
      (directory / "mac-vendor.txt").string(),
  });
  CHECK(database.size() == 3);
  CHECK(vendor_of(database, "f4:bd:9e:00:00:01") == "Cisco Systems, Inc");
  CHECK(vendor_of(database, "52:54:00:00:00:01") == "QEMU");
  CHECK(VendorDatabase::load({}).empty());
}

TEST_CASE("Debian's ieee-data: the default paths, and a well-known vendor in them when installed") {
  const std::vector<std::string> paths = VendorDatabase::default_paths();
  CHECK(paths == std::vector<std::string>{"/usr/share/ieee-data/oui.csv", "/usr/share/ieee-data/mam.csv",
                                          "/usr/share/ieee-data/oui36.csv"});
  if (std::filesystem::exists("/usr/share/ieee-data/oui.csv")) {
    const VendorDatabase database = VendorDatabase::load(paths);
    CHECK(database.size() > 20000);
    // Cisco's first OUI, registered long before the CSV existed.
    CHECK(vendor_of(database, "00:00:0c:07:ac:01").starts_with("Cisco"));
  } else {
    MESSAGE("ieee-data is not installed: checking only that missing files load as nothing");
    std::vector<std::string> missing;
    for (const std::string& path : paths) missing.push_back("/nonexistent" + path);
    const VendorDatabase database = VendorDatabase::load(missing);
    CHECK(database.empty());
    CHECK_FALSE(database.lookup(mac("00:00:0c:07:ac:01")).has_value());
  }
}

TEST_CASE("a locally administered MAC may still have a name in arp-scan's list") {
  VendorDatabase database;
  database.add("52:54:00\tQEMU\n");
  CHECK(vendor_of(database, "52:54:00:12:34:56") == "QEMU");
}
