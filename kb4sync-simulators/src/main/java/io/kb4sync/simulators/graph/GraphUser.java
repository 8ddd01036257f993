package io.kb4sync.simulators.graph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One user of a simulated tenant. Immutable; change a user through {@link GraphTenant#updateUser}.
 *
 * @param licenseSkuIds the skuIds of the assigned licenses (direct or group-inherited: Graph shows
 *     both in {@code assignedLicenses})
 * @param manager the manager's id or userPrincipalName, resolved when served; null for none
 */
public record GraphUser(
    String id,
    String userPrincipalName,
    String mail,
    String givenName,
    String surname,
    String displayName,
    Boolean accountEnabled,
    String userType,
    List<String> licenseSkuIds,
    List<String> proxyAddresses,
    String department,
    String jobTitle,
    String manager,
    List<String> businessPhones,
    String mobilePhone,
    String officeLocation,
    String preferredLanguage,
    String employeeId) {

  public GraphUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userPrincipalName, "userPrincipalName");
    licenseSkuIds = List.copyOf(licenseSkuIds);
    proxyAddresses = List.copyOf(proxyAddresses);
    businessPhones = List.copyOf(businessPhones);
  }

  /** A builder holding this user's values. */
  public Builder toBuilder(UnaryOperator<String> licenseResolver) {
    Builder builder = new Builder(licenseResolver);
    builder.id = id;
    builder.userPrincipalName = userPrincipalName;
    builder.mail = mail;
    builder.givenName = givenName;
    builder.surname = surname;
    builder.displayName = displayName;
    builder.accountEnabled = accountEnabled;
    builder.userType = userType;
    builder.licenses.addAll(licenseSkuIds);
    builder.proxyAddresses.addAll(proxyAddresses);
    builder.department = department;
    builder.jobTitle = jobTitle;
    builder.manager = manager;
    builder.businessPhones.addAll(businessPhones);
    builder.mobilePhone = mobilePhone;
    builder.officeLocation = officeLocation;
    builder.preferredLanguage = preferredLanguage;
    builder.employeeId = employeeId;
    return builder;
  }

  /**
   * Fluent values of a user. Defaults: enabled, {@code Member}, no license, no manager, id derived
   * from the tenant and the first userPrincipalName.
   */
  public static final class Builder {
    private final UnaryOperator<String> licenseResolver;
    private String id;
    private String userPrincipalName;
    private String mail;
    private String givenName;
    private String surname;
    private String displayName;
    private Boolean accountEnabled = Boolean.TRUE;
    private String userType = "Member";
    private final Set<String> licenses = new LinkedHashSet<>();
    private final List<String> proxyAddresses = new ArrayList<>();
    private String department;
    private String jobTitle;
    private String manager;
    private final List<String> businessPhones = new ArrayList<>();
    private String mobilePhone;
    private String officeLocation;
    private String preferredLanguage;
    private String employeeId;

    Builder(UnaryOperator<String> licenseResolver) {
      this.licenseResolver = licenseResolver;
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder userPrincipalName(String userPrincipalName) {
      this.userPrincipalName = userPrincipalName;
      return this;
    }

    /** Shorthand for {@link #userPrincipalName}. */
    public Builder upn(String userPrincipalName) {
      return userPrincipalName(userPrincipalName);
    }

    public Builder mail(String mail) {
      this.mail = mail;
      return this;
    }

    public Builder givenName(String givenName) {
      this.givenName = givenName;
      return this;
    }

    public Builder surname(String surname) {
      this.surname = surname;
      return this;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    /** Given name, surname and (if unset) the display name "Given Surname". */
    public Builder name(String givenName, String surname) {
      this.givenName = givenName;
      this.surname = surname;
      if (displayName == null) {
        this.displayName = (givenName + " " + surname).trim();
      }
      return this;
    }

    public Builder accountEnabled(Boolean accountEnabled) {
      this.accountEnabled = accountEnabled;
      return this;
    }

    public Builder disabled() {
      return accountEnabled(false);
    }

    public Builder userType(String userType) {
      this.userType = userType;
      return this;
    }

    public Builder guest() {
      return userType("Guest");
    }

    /** Assigns a license by skuPartNumber (declared on the tenant) or by skuId. */
    public Builder license(String skuPartNumberOrId) {
      licenses.add(licenseResolver.apply(skuPartNumberOrId));
      return this;
    }

    /** Removes a license by skuPartNumber or skuId. */
    public Builder removeLicense(String skuPartNumberOrId) {
      licenses.remove(licenseResolver.apply(skuPartNumberOrId));
      return this;
    }

    public Builder removeAllLicenses() {
      licenses.clear();
      return this;
    }

    /**
     * Adds a proxy address, e.g. {@code SMTP:alice@acme.example} or {@code smtp:al@acme.example}.
     */
    public Builder proxyAddress(String proxyAddress) {
      proxyAddresses.add(proxyAddress);
      return this;
    }

    public Builder clearProxyAddresses() {
      proxyAddresses.clear();
      return this;
    }

    public Builder department(String department) {
      this.department = department;
      return this;
    }

    public Builder jobTitle(String jobTitle) {
      this.jobTitle = jobTitle;
      return this;
    }

    /** The manager by id or userPrincipalName; null for none. */
    public Builder manager(String idOrUserPrincipalName) {
      this.manager = idOrUserPrincipalName;
      return this;
    }

    public Builder businessPhone(String phone) {
      businessPhones.add(phone);
      return this;
    }

    public Builder mobilePhone(String mobilePhone) {
      this.mobilePhone = mobilePhone;
      return this;
    }

    public Builder officeLocation(String officeLocation) {
      this.officeLocation = officeLocation;
      return this;
    }

    public Builder preferredLanguage(String preferredLanguage) {
      this.preferredLanguage = preferredLanguage;
      return this;
    }

    public Builder employeeId(String employeeId) {
      this.employeeId = employeeId;
      return this;
    }

    String id() {
      return id;
    }

    String userPrincipalName() {
      return userPrincipalName;
    }

    GraphUser build() {
      if (userPrincipalName == null || userPrincipalName.isBlank()) {
        throw new IllegalArgumentException("a simulated user needs a userPrincipalName");
      }
      return new GraphUser(
          id,
          userPrincipalName,
          mail,
          givenName,
          surname,
          displayName,
          accountEnabled,
          userType,
          new ArrayList<>(licenses),
          proxyAddresses,
          department,
          jobTitle,
          manager,
          businessPhones,
          mobilePhone,
          officeLocation,
          preferredLanguage,
          employeeId);
    }
  }
}
