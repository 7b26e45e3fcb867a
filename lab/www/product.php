<?php
// Deliberately vulnerable product page: the id goes into the SQL unquoted and unchecked.
$db = new SQLite3($_SERVER['APP_DB']);
$id = $_GET['id'] ?? '1';
$r = @$db->query("SELECT id, name, price FROM products WHERE id = $id");
echo "<!doctype html><html><head><title>Product</title></head><body><h1>Products</h1>";
if ($r === false) {
    http_response_code(500);
    echo "<p>Database error.</p>";
} else {
    echo "<table>";
    while ($row = $r->fetchArray(SQLITE3_NUM)) {
        echo "<tr><td>" . $row[0] . "</td><td>" . $row[1] . "</td><td>" . $row[2] . "</td></tr>";
    }
    echo "</table>";
}
echo "<p><a href=\"/browse.php\">Back</a></p></body></html>";
